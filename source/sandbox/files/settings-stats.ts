/** snf-stats-app settings (facts §1.4), 0.14.10. */
export const statsSettings = `## Stats application settings (snf-stats-app)
#STATS_BASE_URL = "https://host:port/stats"
#RRD_PREFIX = "/var/lib/collectd/rrd/"
#GRAPH_PREFIX = "/var/cache/snf-stats-app/"
RRD_PREFIX = "/var/lib/collectd/rrd/"
`;

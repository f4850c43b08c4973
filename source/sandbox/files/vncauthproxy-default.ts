/** /etc/default/vncauthproxy as snf-vncauthproxy 1.4 and 1.5 ship it (facts §4). */
export const vncDefault14 = '#CHUID="nobody:nogroup"\n';

export const vncDefault15 = '#CHUID="vncauthproxy:vncauthproxy"\n#DAEMON_OPTS="--pid-file=$PIDFILE"\n';

/** snf-cyclades-app settings as a 0.14.10 deployment has them (facts §1.1). */
export const cycladesApi = `## API settings of Cyclades (snf-cyclades-app 0.14.10)

## Astakos base URL
#ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'
ASTAKOS_BASE_URL = 'https://accounts.synnefo.test/astakos/'

## The URL of the Astakos identity service (0.15)
#ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'

## Network configuration
#PUBLIC_USE_POOL = True
#DEFAULT_ROUTING_TABLE = "snf_public"

## Firewall tags
#GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:0:protected'
#GANETI_FIREWALL_DISABLED_TAG = 'synnefo:network:0:unprotected'
#GANETI_FIREWALL_PROTECTED_TAG = 'synnefo:network:0:limited'
GANETI_FIREWALL_PROTECTED_TAG = 'synnefo:network:0:limited'

## Graphs of VM statistics
CPU_BAR_GRAPH_URL = 'http://stats.synnefo.test/%s/cpu-bar.png'
#CPU_TIMESERIES_GRAPH_URL = 'http://stats.synnefo.org/%s/cpu-ts.png'
#NET_BAR_GRAPH_URL = 'http://stats.synnefo.org/%s/net-bar.png'
#NET_TIMESERIES_GRAPH_URL = 'http://stats.synnefo.org/%s/net-ts.png'
#GRAPH_TIMEOUT = 5000
#STATS_REFRESH_PERIOD = 60

## VNC console proxy (vncauthproxy >= 1.5)
#CYCLADES_VNCAUTHPROXY_OPTS = {
#    # The user to authenticate as
#    'auth_user': 'synnefo',
#    # The password of that user
#    'auth_password': 'secret_password',
#    # Where the vncauthproxy control socket listens
#    'server_address': '127.0.0.1',
#    'server_port': 24999,
#    # Whether to connect over SSL
#    'enable_ssl': False,
#    # CA certificate to verify the server against
#    'ca_cert': None,
#    # Whether to refuse a server whose certificate cannot be verified
#    'strict': False,
#}

## Maximum number of servers per user
#MAX_VMS_PER_USER = 0
#MAX_NETWORKS_PER_USER = 0
`;

export const cycladesBackend = `## Ganeti backend settings of Cyclades
#BACKEND_PREFIX_ID = "snf-"
#GANETI_MAX_LINK_NUMBER = 20
#ARCHIPELAGO_BACKENDS = []
#GANETI_CREATEINSTANCE_KWARGS = {
#    'os': 'snf-image+default',
#    'hvparams': {'serial_console': False},
#    'wait_for_sync': False}
AMQP_HOSTS = ["amqp://synnefo:example_rabbit_pw@cyclades:5672"]
`;

export const cycladesPlankton = `## Image service (Plankton) settings
#BACKEND_DB_CONNECTION = 'sqlite:////usr/share/synnefo/pithos-backend.db'
#BACKEND_BLOCK_PATH = '/tmp/pithos-data/'
BACKEND_DB_CONNECTION = 'postgresql://synnefo:example_passw0rd@astakos:5432/snf_pithos'
BACKEND_BLOCK_PATH = '/srv/pithos/data'
`;

export const cycladesUi = `## UI settings of Cyclades
#UI_VM_HOSTNAME_FORMAT = 'snf-%(id)s.vm.example.synnefo.org'
#UI_SUPPORT_SSH_OS_LIST = ['debian', 'fedora', 'okeanos', 'ubuntu', 'kubuntu', 'centos']
#UI_GROUPED_PUBLIC_NETWORK_NAME = 'Internet'
`;

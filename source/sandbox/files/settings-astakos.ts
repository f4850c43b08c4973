/** snf-astakos-app settings as a 0.14.10 deployment has them (facts §1.5). */
export const astakosSettings = `## Astakos settings (snf-astakos-app 0.14.10)
## The base URL of the Astakos deployment
#ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org'
ASTAKOS_BASE_URL = 'https://accounts.synnefo.test/astakos'

## Whether the cookie is set on the whole domain
#ASTAKOS_COOKIE_DOMAIN = None
ASTAKOS_COOKIE_DOMAIN = '.synnefo.test'

## Enabled authentication modules
#ASTAKOS_IM_MODULES = ['local']
ASTAKOS_IM_MODULES = ['local', 'shibboleth']

## Moderation of new accounts
#ASTAKOS_MODERATION_ENABLED = True

## Do not allow users to sign up with these authentication providers
#ASTAKOS_IM_MODULES_SIGNUP_DISABLED = []

## Migrate eppn identifiers to remote id
# ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = False

## Which users may see the administrative statistics
# ASTAKOS_ADMIN_STATS_PERMITTED_GROUPS = ["admin-stats"]

## Astakos project settings
#ASTAKOS_PROJECT_MEMBER_JOIN_POLICIES = {
#    '1': 'automatically accepted',
#    '2': 'owner accepts',
#    '3': 'closed',
#}
`;

export const astakosCloudbar = `## Cloudbar settings of Astakos
#CLOUDBAR_LOCATION = 'https://accounts.example.synnefo.org/static/im/cloudbar/'
#CLOUDBAR_SERVICES_URL = 'https://accounts.example.synnefo.org/ui/get_services'
#CLOUDBAR_MENU_URL = 'https://accounts.example.synnefo.org/ui/get_menu'
CLOUDBAR_LOCATION = 'https://accounts.synnefo.test/astakos/static/im/cloudbar/'
`;

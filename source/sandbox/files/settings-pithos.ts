/** snf-pithos-app settings as a 0.14.10 deployment has them (facts §1.2). */
export const pithosSettings = `## Pithos settings (snf-pithos-app 0.14.10)
#PITHOS_BACKEND_DB_CONNECTION = 'sqlite:////tmp/pithos-backend.db'
PITHOS_BACKEND_DB_CONNECTION = 'postgresql://synnefo:example_passw0rd@astakos:5432/snf_pithos'

#PITHOS_BACKEND_BLOCK_PATH = '/tmp/pithos-data/'
PITHOS_BACKEND_BLOCK_PATH = '/srv/pithos/data'

## The base URL of the Pithos service ("Must set")
#PITHOS_BASE_URL = "https://pithos.example.synnefo.org/"
PITHOS_BASE_URL = "https://storage.synnefo.test/pithos/"

## Astakos base URL (removed in 0.15)
#ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'
ASTAKOS_BASE_URL = 'https://accounts.synnefo.test/astakos/'

## Cookie used by the Pithos web client (removed in 0.15)
#PITHOS_ASTAKOS_COOKIE_NAME = '_pithos2_a'

## Quota settings of new accounts
#PITHOS_BACKEND_QUOTA = 50 * 1024 * 1024 * 1024
#PITHOS_BACKEND_VERSIONING = 'auto'

#PITHOS_UPDATE_MD5 = False
#PITHOS_SERVICE_TOKEN = ''
PITHOS_SERVICE_TOKEN = 'Wq0Fy0xHqK8Jj2Zk1Yt6mC1dQb9pT8lN4sR7vU3eA5g'
`;

export const pithosWebclient = `## Pithos web client settings
#PITHOS_UI_LOGIN_URL = "https://accounts.example.synnefo.org/ui/login?next="
#PITHOS_UI_FEEDBACK_URL = "https://pithos.example.synnefo.org/feedback"
`;

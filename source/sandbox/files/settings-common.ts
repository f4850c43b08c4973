/** snf-common and snf-webproject settings files (every Synnefo host). */

export const commonAdmins = `## Administrators of this deployment: they receive error reports by e-mail.
#ADMINS = (
#    ('Synnefo admin', 'admin@synnefo.test'),
#)
#MANAGERS = ADMINS
#DEFAULT_FROM_EMAIL = 'Synnefo <noreply@synnefo.test>'
#SERVER_EMAIL = 'Synnefo <noreply@synnefo.test>'
ADMINS = (('Sandbox admin', 'root@synnefo.test'),)
`;

export const webprojectDatabase = `## Database settings of the Synnefo Django apps (snf-webproject)
#DATABASES = {
#    'default': {
#        # 'postgresql_psycopg2', 'postgresql','mysql', 'sqlite3' or 'oracle'
#        'ENGINE': 'django.db.backends.sqlite3',
#        # ATTENTION: This *must* be the absolute path if using sqlite3.
#        # See: http://docs.djangoproject.com/en/dev/ref/settings/#name
#        'NAME': '/usr/share/synnefo/datastore',
#        'USER': '',                      # Not used with sqlite3.
#        'PASSWORD': '',                  # Not used with sqlite3.
#        # Set to empty string for localhost. Not used with sqlite3.
#        'HOST': '',
#        # Set to empty string for default. Not used with sqlite3.
#        'PORT': '',
#    }
#}
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql_psycopg2',
        'NAME': 'snf_apps',
        'USER': 'synnefo',
        'PASSWORD': 'example_passw0rd',
        'HOST': 'astakos',
        'PORT': '5432',
    }
}
`;

export const webprojectDeploy = `## Deployment settings (snf-webproject)
#DEBUG = False
#TEMPLATE_DEBUG = False
#SECRET_KEY = 'sy6)mw6a7x%n)-example_fallback_secret_key'
#USE_X_FORWARDED_HOST = False
`;

export const gtoolsBackend = `## snf-cyclades-gtools: the Ganeti side of Cyclades
#AMQP_HOSTS = ["amqp://alice:wonderland@localhost:5672"]
#BACKEND_PREFIX_ID = "snf-"
AMQP_HOSTS = ["amqp://synnefo:example_rabbit_pw@cyclades:5672"]
`;

import type {StepDefinition} from '../plan-types.js';
import {sections} from '../sections.js';
import {astakosAuthUrl} from './auth-url.js';
import {firewallTags} from './firewall-tags.js';
import {convertPublicIps, floatingIpPools} from './floating-ips.js';
import {migrateAstakos, migrateCyclades, migratePithos} from './migrate.js';
import {oauthClient, pithosOauthCredentials} from './oauth.js';
import {checkWebprojectVersion, installPackages} from './packages.js';
import {stopServicesAgain} from './stop-again.js';
import {ganetiIpolicy} from './ganeti-ipolicy.js';
import {ganetiDiskTemplates} from './pre-upgrade-ganeti.js';
import {publicNetworksEverywhere, reconcilePendingNetworks} from './backend-networks.js';
import {backendNetworkConfig} from './node-links.js';
import {uniqueNicNames} from './pre-upgrade-network.js';
import {existingUsersQuota, resourceDefaults, resourceVisibility} from './quotas.js';
import {reconcileResources, startAstakos} from './quotaholder.js';
import {registerComponents} from './register.js';
import {backupDatabases, stopWebServices} from './services-down.js';
import {startDispatcher, startGanetiEventd, startGunicorn} from './services-up.js';
import {shibbolethMigrateEppn, restartShibd, shibbolethRemoteUser} from './shibboleth.js';
import {backupAfterFloatingIps, backupAfterMigrations, backupAfterQuotas} from './stage-backups.js';
import {cycladesStatsSettings, restartStats, restartStatsAfterInstall, statsRrdMigration, statsSettings} from './stats.js';
import {cycladesVncauthproxyOpts, installVncauthproxy, restartVncauthproxy, vncauthproxyDefaults, vncauthproxyUser} from './vncauthproxy.js';

/** Every step of the runbook, in the order it runs. */
export const stepCatalogue: readonly StepDefinition[] = [
	// 0
	uniqueNicNames,
	backendNetworkConfig,
	ganetiIpolicy,
	ganetiDiskTemplates,
	// 1
	stopWebServices,
	backupDatabases,
	// 2.1
	installPackages,
	checkWebprojectVersion,
	stopServicesAgain,
	restartStatsAfterInstall,
	// 2.2
	migrateAstakos,
	migrateCyclades,
	migratePithos,
	backupAfterMigrations,
	// 2.3
	astakosAuthUrl,
	firewallTags,
	// 2.4
	oauthClient,
	pithosOauthCredentials,
	// 2.5
	installVncauthproxy,
	vncauthproxyUser,
	cycladesVncauthproxyOpts,
	vncauthproxyDefaults,
	restartVncauthproxy,
	// 2.6
	statsSettings,
	cycladesStatsSettings,
	statsRrdMigration,
	restartStats,
	// 2.7
	shibbolethRemoteUser,
	shibbolethMigrateEppn,
	restartShibd,
	// 3
	publicNetworksEverywhere,
	floatingIpPools,
	convertPublicIps,
	backupAfterFloatingIps,
	// 4.1
	registerComponents,
	// 4.2
	resourceDefaults,
	existingUsersQuota,
	resourceVisibility,
	// 4.3
	startAstakos,
	reconcileResources,
	backupAfterQuotas,
	// 5
	startGunicorn,
	startDispatcher,
	startGanetiEventd,
	reconcilePendingNetworks,
];

/** A step by id, or undefined. */
export const findStep = (id: string): StepDefinition | undefined => stepCatalogue.find(step => step.id === id);

/** The catalogue's steps follow the sections' order (checked by a test). */
export const sectionOrder = (step: StepDefinition): number => sections.findIndex(section => section.id === step.section);

import {InputError} from '../../domain/errors.js';
import {printable} from '../../domain/printable.js';

type Computed = Readonly<Record<string, string | string[]>>;

const firstOf = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const isSet = (value: string | undefined, off: readonly string[]): boolean => value !== undefined && !off.includes(value.toLowerCase());

/**
 * ssh_config(5) directives that change where or how OpenSSH would connect and that snf-upgrade does not do,
 * each with the values that make it matter. Honoured instead: HostName, Port, User, IdentityFile,
 * IdentitiesOnly, ProxyJump, ProxyCommand, HostKeyAlias, UserKnownHostsFile. Harmless here (no effect on
 * which machine is reached or which key is trusted): ControlMaster/ControlPath/ControlPersist, ServerAlive*,
 * Ciphers/MACs/KexAlgorithms/HostKeyAlgorithms, Compression, ForwardAgent and the other forwardings,
 * StrictHostKeyChecking (snf-upgrade is always strict), LogLevel.
 */
const unsupported: ReadonlyArray<{readonly name: string; readonly key: string; readonly matters: (value: string | undefined, computed: Computed) => boolean; readonly why: string}> = [
	{name: 'Include', key: 'include', matters: value => value !== undefined, why: 'its files would not be read'},
	{name: 'ProxyUseFdpass', key: 'proxyusefdpass', matters: value => isSet(value, ['no']), why: 'the ProxyCommand would have to pass a socket'},
	{name: 'LocalCommand', key: 'localcommand', matters: (value, computed) => value !== undefined && firstOf(computed['permitlocalcommand'])?.toLowerCase() === 'yes', why: 'it would run a command on this machine'},
	{name: 'CanonicalizeHostname', key: 'canonicalizehostname', matters: value => isSet(value, ['no', 'none']), why: 'the host name would be rewritten'},
	{name: 'BindAddress', key: 'bindaddress', matters: value => value !== undefined, why: 'the connection would leave from another address'},
	{name: 'BindInterface', key: 'bindinterface', matters: value => value !== undefined, why: 'the connection would leave from another interface'},
	{name: 'AddressFamily', key: 'addressfamily', matters: value => isSet(value, ['any']), why: 'only one address family would be used'},
	{name: 'KnownHostsCommand', key: 'knownhostscommand', matters: value => isSet(value, ['none']), why: 'host keys would come from a command'},
	{name: 'GlobalKnownHostsFile', key: 'globalknownhostsfile', matters: value => value !== undefined, why: 'host keys would be read from other files'},
	{name: 'IdentityAgent', key: 'identityagent', matters: value => value !== undefined && value !== 'SSH_AUTH_SOCK', why: 'another agent (or none) would be used'},
	{name: 'CertificateFile', key: 'certificatefile', matters: value => value !== undefined, why: 'a certificate would be offered'},
	{name: 'PKCS11Provider', key: 'pkcs11provider', matters: value => isSet(value, ['none']), why: 'keys would come from a token'},
	{name: 'SecurityKeyProvider', key: 'securitykeyprovider', matters: value => isSet(value, ['internal']), why: 'keys would come from another provider'},
	{name: 'RemoteCommand', key: 'remotecommand', matters: value => isSet(value, ['none']), why: 'another command would run on the host'},
	{name: 'Tunnel', key: 'tunnel', matters: value => isSet(value, ['no']), why: 'a tun device would be forwarded'},
];

/** `Match … exec …` anywhere: OpenSSH runs that command for each connection to decide which settings apply. */
const matchExec = /^[ \t]*Match[ \t][^\n]*\bexec\b/im;

/** Refuses, naming the directive, a config that would make OpenSSH connect elsewhere or otherwise than snf-upgrade. */
export function refuseUnsupportedDirectives(alias: string, computed: Computed, configText: string, configPath: string): void {
	const hint = `Remove it from ${configPath} for this host (a Host block of its own that comes first), or connect as snf-upgrade can: HostName, Port, User, IdentityFile, ProxyJump, ProxyCommand, HostKeyAlias.`;
	if (matchExec.test(configText)) {
		throw new InputError(`${configPath}: "Match exec" is not supported: OpenSSH would run a command to choose the settings of ${printable(alias)}, snf-upgrade does not.`, hint);
	}

	for (const directive of unsupported) {
		const value = firstOf(computed[directive.key]);
		if (directive.matters(value, computed)) {
			throw new InputError(`${configPath}: ${directive.name} ${printable(value ?? '')} applies to ${printable(alias)} and is not supported (${directive.why}); snf-upgrade will not connect otherwise than OpenSSH would.`, hint);
		}
	}

	if (isSet(firstOf(computed['proxycommand']), ['none']) && isSet(firstOf(computed['proxyjump']), ['none'])) {
		throw new InputError(`${configPath}: both ProxyCommand and ProxyJump apply to ${printable(alias)}; OpenSSH takes whichever comes first, snf-upgrade cannot tell which.`, `Keep one of them for ${printable(alias)}.`);
	}
}

/** The % tokens OpenSSH expands in ProxyCommand (ssh_config(5) TOKENS: %h %p %r %n %% here). */
export function expandProxyCommand(command: string, tokens: {readonly hostName: string; readonly port: number; readonly user: string; readonly alias: string}, configPath: string): string {
	return command.replaceAll(/%(.?)/g, (_match, token: string) => {
		switch (token) {
			case 'h': {
				return tokens.hostName;
			}

			case 'p': {
				return String(tokens.port);
			}

			case 'r': {
				return tokens.user;
			}

			case 'n': {
				return tokens.alias;
			}

			case '%': {
				return '%';
			}

			default: {
				throw new InputError(`${configPath}: ProxyCommand for ${printable(tokens.alias)} uses %${printable(token)}, which snf-upgrade does not expand (it knows %h, %p, %r, %n and %%).`);
			}
		}
	});
}

import {describe, expect, it} from 'vitest';
import {maskSecretsInDiff, maskSecretsInLine, maskSecretsInText} from '../../../source/domain/transforms/mask-setting-secrets.js';

describe('maskSecretsInLine', () => {
	it.each([
		["SECRET_KEY = 'k3y-value'", "SECRET_KEY = '••••'"],
		["PITHOS_SERVICE_TOKEN = 'Wq0Fy0xHqK8'", "PITHOS_SERVICE_TOKEN = '••••'"],
		["CYCLADES_STATS_SECRET_KEY = \"s3cr'et\"", 'CYCLADES_STATS_SECRET_KEY = "••••"'],
		["PITHOS_OAUTH2_CLIENT_CREDENTIALS = ('pithos-view', 'abc')", "PITHOS_OAUTH2_CLIENT_CREDENTIALS = ('••••', '••••')"],
		["#SECRET_KEY = 'sample'", "#SECRET_KEY = '••••'"],
		["        'PASSWORD': 'example_passw0rd',", "        'PASSWORD': '••••',"],
		["    'auth_password': 'vnc-pass',", "    'auth_password': '••••',"],
		["PITHOS_BACKEND_DB_CONNECTION = 'postgresql://synnefo:pw0rd@db.example.org:5432/snf_pithos'", "PITHOS_BACKEND_DB_CONNECTION = 'postgresql://synnefo:••••@db.example.org:5432/snf_pithos'"],
		[String.raw`SECRET_KEY = 'it\'s'`, "SECRET_KEY = '••••'"],
	])('masks %s', (line, masked) => {
		expect(maskSecretsInLine(line)).toBe(masked);
	});

	it.each([
		"ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'",
		"    'auth_user': 'synnefo',",
		'STATS_REFRESH_PERIOD = 60',
		"CPU_BAR_GRAPH_URL = 'https://stats.example.org/stats/v1.0/cpu-bar/%s'",
		'if SECRET_KEY == other:',
	])('leaves %s as it is', line => {
		expect(maskSecretsInLine(line)).toBe(line);
	});
});

describe('maskSecretsInDiff', () => {
	it('masks context, removed and added lines but not the headers', () => {
		const diff = [
			'--- a/etc/synnefo/20-snf-pithos-app-settings.conf',
			'+++ b/etc/synnefo/20-snf-pithos-app-settings.conf',
			'@@ -1,2 +1,3 @@',
			" PITHOS_SERVICE_TOKEN = 'tok123'",
			"-SECRET_KEY = 'old'",
			"+SECRET_KEY = 'new'",
			"+ASTAKOS_AUTH_URL = 'https://a.example.org/identity/v2.0'",
		].join('\n');
		const masked = maskSecretsInDiff(diff);
		expect(masked).not.toMatch(/tok123|'old'|'new'/);
		expect(masked).toContain("+ASTAKOS_AUTH_URL = 'https://a.example.org/identity/v2.0'");
		expect(masked.split('\n').slice(0, 3)).toEqual(diff.split('\n').slice(0, 3));
	});

	it('masks a line quoted in a checker complaint', () => {
		const complaint = '  File "/etc/synnefo/10-snf-webproject-database.conf", line 7\n    \'PASSWORD\': \'hunter2\' oops\n';
		expect(maskSecretsInText(complaint)).not.toContain('hunter2');
	});
});

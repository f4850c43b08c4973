import {execFileSync, spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {setXmlAttribute} from '../../../source/domain/transforms/shibboleth-xml.js';

// Debian's own file (package shibboleth-sp-utils, installed here and on CI).
const debianConfig = readFileSync('/etc/shibboleth/shibboleth2.xml', 'utf8');

let dir = '';

/** `shibd -t` on a copy of /etc/shibboleth with the given shibboleth2.xml (recipe: real-hosts §3). */
function shibdCheck(xml: string): {status: number | null; output: string} {
	const config = path.join(dir, 'shibboleth', 'shibboleth2.xml');
	writeFileSync(config, xml);
	const result = spawnSync('shibd', ['-t', '-c', config], {encoding: 'utf8', env: {...process.env, SHIBSP_CFGDIR: dir}});
	return {status: result.status, output: `${result.stdout}${result.stderr}`};
}

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'snf-shib-'));
	cpSync('/etc/shibboleth', path.join(dir, 'shibboleth'), {recursive: true});
	for (const name of ['sp-signing', 'sp-encrypt']) {
		execFileSync('shib-keygen', ['-o', path.join(dir, 'shibboleth'), '-n', name, '-h', 'sp.test', '-u', 'root', '-g', 'root', '-y', '1'], {stdio: 'ignore'});
	}
});

afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

/** The file with only the ApplicationDefaults REMOTE_USER value replaced (by hand, independently). */
function expectedWith(value: string): string {
	const pattern = /(<ApplicationDefaults\b[^>]*?\sREMOTE_USER=")([^"]*)(")/;
	expect(debianConfig).toMatch(pattern);
	return debianConfig.replace(pattern, (_all, before: string, _old: string, after: string) => `${before}${value}${after}`);
}

describe('setXmlAttribute on Debian\'s shibboleth2.xml', () => {
	it.each(['eppn', 'persistent-nameid persistent-id targeted-id'])('sets REMOTE_USER="%s", changes nothing else, and shibd -t accepts it', value => {
		const result = setXmlAttribute(debianConfig, 'ApplicationDefaults', 'REMOTE_USER', value);
		expect(result).toBe(expectedWith(value));
		expect(setXmlAttribute(result, 'ApplicationDefaults', 'REMOTE_USER', value)).toBe(result);
		const check = shibdCheck(result);
		expect(check.output).toContain('overall configuration is loadable');
		expect(check.status).toBe(0);
	});

	it('the shibd oracle can fail: a broken edit gives rc 254', () => {
		const broken = expectedWith('eppn').replace('REMOTE_USER="eppn"', 'REMOTE_USER=eppn');
		const check = shibdCheck(broken);
		expect(check.status).toBe(254);
		expect(check.output).toContain('attribute value expected');
	});
});

describe('setXmlAttribute', () => {
	it('escapes the value and keeps the quote style', () => {
		expect(setXmlAttribute('<a x="1"/>', 'a', 'x', 'a&b<c>"d\'')).toBe('<a x="a&amp;b&lt;c&gt;&quot;d\'"/>');
		expect(setXmlAttribute('<a x=\'1\'/>', 'a', 'x', '"\'')).toBe('<a x=\'"&apos;\'/>');
	});

	it('inserts the attribute after the element name when absent', () => {
		expect(setXmlAttribute('<r>\n  <App\n    id="1">\n</App></r>', 'App', 'REMOTE_USER', 'eppn'))
			.toBe('<r>\n  <App REMOTE_USER="eppn"\n    id="1">\n</App></r>');
	});

	it('matches a namespace-prefixed element and skips comments, CDATA, processing instructions and longer names', () => {
		const text = '<?xml version="1.0"?>\n<!-- <App REMOTE_USER="c"> -->\n<![CDATA[<App REMOTE_USER="d">]]>\n<Apps REMOTE_USER="x"/>\n<sp:App other=">" REMOTE_USER = \'old\'>\n<App REMOTE_USER="second"/>';
		expect(setXmlAttribute(text, 'App', 'REMOTE_USER', 'eppn')).toBe(text.replace('\'old\'', '\'eppn\''));
	});

	it('only matches the attribute name exactly', () => {
		expect(setXmlAttribute('<App XREMOTE_USER="a" REMOTE_USER="b"/>', 'App', 'REMOTE_USER', 'c')).toBe('<App XREMOTE_USER="a" REMOTE_USER="c"/>');
	});

	it('throws a clear error when the element is missing', () => {
		expect(() => setXmlAttribute('<SPConfig/>', 'ApplicationDefaults', 'REMOTE_USER', 'eppn'))
			.toThrow('No <ApplicationDefaults> element found, so REMOTE_USER cannot be set.');
	});
});

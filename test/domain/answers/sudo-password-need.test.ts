import {describe, expect, it} from 'vitest';
import {hostsThroughSudo, sudoPasswordNeed} from '../../../source/domain/answers/sudo-password-need.js';
import type {Host} from '../../../source/domain/inventory-types.js';
import {parseRootAccess} from '../../../source/domain/parsers/root-access.js';

const ssh = (id: string, user: string | undefined, sudo: boolean): Host => ({id, label: `${user ?? ''}@${id}`, sudo, target: {kind: 'ssh', host: `${id}.example.org`, ...(user === undefined ? {} : {user})}});
const local = (id: string, sudo: boolean): Host => ({id, label: `local (${id})`, sudo, target: {kind: 'local', root: `/tmp/${id}`, env: {}}});

describe('the root access check\'s output', () => {
	it.each([
		['root 0\nroot\n', {user: 'root', access: 'root'}],
		['admin 1000\nsudo\n', {user: 'admin', access: 'sudo -n'}],
		['admin 1000\npassword\n', {user: 'admin', access: 'sudo asks for a password'}],
		['admin 1000\nnone\n', {user: 'admin', access: 'no sudo'}],
	])('%j → %j', (stdout, expected) => {
		expect(parseRootAccess(stdout)).toEqual(expected);
	});

	it.each(['', 'admin 1000\n', 'admin 1000\nmaybe\n', 'Welcome to the host!\nroot\n'])('refuses %j instead of guessing', stdout => {
		expect(() => parseRootAccess(stdout)).toThrow(/root access check printed/);
	});
});

describe('when the wizard asks for the sudo password', () => {
	it('checks only the hosts whose commands as root go through sudo: a non-root login, or "sudo": true', () => {
		const hosts = [local('astakos', false), ssh('cyclades', 'root', false), ssh('pithos', 'admin', true), ssh('gnt1', undefined, true), local('stats', true), ssh('gnt2', 'root', true)];
		expect(hostsThroughSudo(hosts).map(host => host.id)).toEqual(['pithos', 'gnt1', 'stats']);
	});

	it('not when every host through sudo runs it without a password, or is root, or has no sudo (a password cannot help there)', () => {
		const need = sudoPasswordNeed([{host: ssh('a', 'admin', true), access: 'sudo -n'}, {host: local('b', true), access: 'root'}, {host: ssh('c', 'admin', true), access: 'no sudo'}]);
		expect(need.state).toBe('not needed');
	});

	it('when sudo asks on some host, naming those hosts and not the others', () => {
		const need = sudoPasswordNeed([{host: ssh('gnt1', 'admin', true), access: 'sudo -n'}, {host: ssh('gnt3', 'admin', true), access: 'sudo asks for a password'}, {host: ssh('gnt12', 'admin', true), access: 'sudo asks for a password'}]);
		expect(need).toEqual({state: 'needed', why: 'Asked because sudo asks for a password on gnt3, gnt12: without it their commands as root fail (sudo -n).'});
	});

	it('when the check cannot tell (a host not reached), saying so; many hosts are counted, control characters escaped', () => {
		const unreachable = Array.from({length: 9}, (_, index) => ({host: ssh(`node${index + 1}`, 'admin', true), problem: 'connect ECONNREFUSED 127.0.0.1:1.\nmore'}));
		const need = sudoPasswordNeed([...unreachable, {host: ssh('evil\u001B[2J', 'admin', true), access: 'sudo asks for a password'}]);
		expect(need.state).toBe('needed');
		expect(need.why).toBe('Asked because sudo asks for a password on evil\\x1b[2J: without it their commands as root fail (sudo -n); cannot tell on node1, node2, node3, node4, node5, node6 and 3 more (connect ECONNREFUSED 127.0.0.1:1).');
		expect(sudoPasswordNeed(unreachable.slice(0, 1)).why).toBe('Asked because cannot tell on node1 (connect ECONNREFUSED 127.0.0.1:1). Leave it empty if sudo there needs none.');
	});
});

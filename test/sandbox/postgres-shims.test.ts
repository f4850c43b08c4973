import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, newSandbox, removeSandboxes, type Sandbox} from './helpers.js';

let sandbox: Sandbox;

beforeAll(() => {
	ensureBuilt();
	sandbox = newSandbox();
}, 120_000);

afterAll(() => {
	removeSandboxes();
});

describe('sandbox pg_dump and pg_restore read archives as the real ones do', () => {
	it('a whole archive: pg_restore lists it and reads it to the end', () => {
		const dump = sandbox.file('astakos', 'var/backups/whole.dump');
		expect(sandbox.run('astakos', `su - postgres -c "pg_dump -Fc snf_apps" > ${dump}`).code).toBe(0);
		expect(sandbox.run('astakos', `pg_restore -l ${dump}`)).toMatchObject({code: 0, stdout: expect.stringContaining('TABLE DATA') as string});
		expect(sandbox.run('astakos', `pg_restore -f /dev/null -- ${dump}`)).toMatchObject({code: 0, stderr: ''});
	});

	it('an archive cut in its data: -l still passes, a full read fails with end of file', () => {
		const dump = sandbox.file('astakos', 'var/backups/cut.dump');
		expect(sandbox.run('astakos', `su - postgres -c "pg_dump -Fc snf_apps" > ${dump}`).code).toBe(0);
		const whole = fs.readFileSync(dump);
		fs.writeFileSync(dump, whole.subarray(0, whole.length - 20));
		expect(sandbox.run('astakos', `pg_restore -l ${dump}`).code).toBe(0);
		expect(sandbox.run('astakos', `pg_restore -f /dev/null ${dump}`)).toMatchObject({code: 1, stderr: 'pg_restore: [archiver] could not read from input file: end of file\n'});
		fs.writeFileSync(dump, whole.subarray(0, 14));
		expect(sandbox.run('astakos', `pg_restore -l ${dump}`).code).toBe(1);
	});

	it('a plain SQL dump ends with the closing comment, and pg_restore refuses it', () => {
		const dump = sandbox.file('astakos', 'var/backups/plain.sql');
		expect(sandbox.run('astakos', `su - postgres -c "pg_dump snf_pithos" > ${dump}`).code).toBe(0);
		expect(fs.readFileSync(dump, 'utf8')).toMatch(/^--\n-- PostgreSQL database dump\n[\s\S]*\n-- PostgreSQL database dump complete\n--\n\n$/);
		expect(sandbox.run('astakos', `pg_restore -l ${dump}`)).toMatchObject({code: 1, stderr: expect.stringContaining('text format dump. Please use psql.') as string});
	});

	it('the fail-after-bytes fault cuts the dump of one database and fails it as a lost server connection does', () => {
		fs.writeFileSync(`${sandbox.directory}/faults.json`, JSON.stringify([{host: 'astakos', program: 'pg_dump', args: ['snf_pithos'], effect: 'fail-after-bytes', bytes: 14}]));
		try {
			const dump = sandbox.file('astakos', 'var/backups/faulty.dump');
			const failed = sandbox.run('astakos', `su - postgres -c "pg_dump -Fc snf_pithos" > ${dump}`);
			expect(failed).toMatchObject({code: 1, stderr: expect.stringContaining('server closed the connection unexpectedly') as string});
			expect(fs.statSync(dump).size).toBe(14);
			expect(sandbox.run('astakos', `su - postgres -c "pg_dump -Fc snf_apps" > ${dump}`).code).toBe(0);
		} finally {
			fs.rmSync(`${sandbox.directory}/faults.json`);
		}
	});
});

import {Writable} from 'node:stream';

/** A Writable that keeps everything written to it, for a command's stdout or stderr. */
export class Capture extends Writable {
	text = '';

	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
		this.text += chunk.toString();
		done();
	}
}

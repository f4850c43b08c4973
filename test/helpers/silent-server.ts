import net from 'node:net';

/** A real TCP server on 127.0.0.1 that accepts connections and never says anything nor closes its side (a hung sshd, a middlebox). */
export interface SilentServer {
	readonly port: number;
	/** The connections accepted so far. */
	readonly accepted: readonly net.Socket[];
	close(): void;
}

export async function silentServer(): Promise<SilentServer> {
	const accepted: net.Socket[] = [];
	const server = net.createServer(socket => {
		accepted.push(socket);
		socket.on('error', () => {});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		accepted,
		close() {
			for (const socket of accepted) {
				socket.destroy();
			}

			server.close();
		},
	};
}

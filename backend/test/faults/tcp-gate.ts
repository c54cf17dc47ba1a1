import net from 'node:net';

/** A TCP forwarder in front of a server that a test can shut like a pulled cable: close()
 * drops every connection and refuses new ones; open() serves again on the same port. */
export class TcpGate {
  readonly port: number;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly target: number;

  private constructor(port: number, target: number) {
    this.port = port;
    this.target = target;
  }

  static async open(targetPort: number): Promise<TcpGate> {
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const gate = new TcpGate(port, targetPort);
    await gate.open();
    return gate;
  }

  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

import net from 'node:net';

/** What the proxy does with traffic: forward it, swallow it (a hung server), or refuse connections. */
export type ProxyMode = 'pass' | 'hang' | 'refuse';

/**
 * A TCP proxy on 127.0.0.1 in front of a real PostgreSQL, for outage tests: the app's pool points
 * at it, and the test turns the server "off" (refuse), "hung" (hang) or cuts every connection.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let mode: ProxyMode = 'pass';
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((downstream) => {
    if (mode === 'refuse') return downstream.destroy();
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [downstream, upstream];
    pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (mode !== 'hang') to.write(chunk);
      });
    forward(downstream, upstream);
    forward(upstream, downstream);
    const end = () => {
      pairs.delete(pair);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const cut = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    /** `url` with its host and port replaced by the proxy's. */
    urlFor: (url: string) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    setMode: (next: ProxyMode) => {
      mode = next;
    },
    /** Ends every proxied connection at once (as a server restart does). */
    cut,
    close: async () => {
      cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

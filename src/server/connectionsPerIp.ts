/**
 * Open long-lived connections per client address, one count for every streaming transport: a
 * graphql-ws socket, a GraphQL over SSE stream and a multipart subscription each take a place, at
 * most `websocket.maxConnectionsPerIp` at once per address; the place is given back when the
 * connection closes.
 */
export interface ConnectionsPerIp {
  /** Takes a place for `ip`: the function that gives it back, or undefined when the address is at the limit. */
  open(ip: string): (() => void) | undefined;
  readonly max: number;
}

export function connectionsPerIp(max: number): ConnectionsPerIp {
  const open = new Map<string, number>();
  return {
    max,
    open(ip) {
      const now = open.get(ip) ?? 0;
      if (now >= max) return undefined;
      open.set(ip, now + 1);
      let given = false;
      return () => {
        if (given) return;
        given = true;
        const left = (open.get(ip) ?? 1) - 1;
        if (left > 0) open.set(ip, left);
        else open.delete(ip);
      };
    },
  };
}

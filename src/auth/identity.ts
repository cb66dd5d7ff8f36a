/**
 * Identity: who a caller is, as every permission check sees it.
 */

export interface Identity {
  /** The user id (a token's `user`, a JWT's subject or e-mail claim); "anonymous" when there is none. */
  readonly user: string;
  readonly teams: readonly string[];
  readonly roles: readonly string[];
  readonly anonymous: boolean;
  /** How the caller authenticated: "token:<name>", "jwt", or "anonymous". */
  readonly via: string;
}

export const ANONYMOUS: Identity = Object.freeze({ user: 'anonymous', teams: [], roles: [], anonymous: true, via: 'anonymous' });

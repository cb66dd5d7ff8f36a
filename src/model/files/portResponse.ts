/**
 * Port API responses as definition files: a team that exports its Port organisation gets
 * `{ "ok": true, "blueprints": [ … ] }` from `GET /v1/blueprints` and `{ "ok": true, "blueprint":
 * { … } }` from `GET /v1/blueprints/{id}` (the same for actions). Such a file is read as the
 * definitions it holds, each located at its place in the response (`/blueprints/3/…`).
 *
 * The fields Port sets itself on what it returns (`createdAt`, `createdBy`, `updatedAt`,
 * `updatedBy`) are dropped from each definition of a response: they are not part of the
 * definition format. Pure.
 */
import { toPointer } from './parseDocument.ts';

/** The envelope keys of one kind of definition: the list response and the one-item response. */
export interface PortResponseKind {
  readonly list: string;
  readonly one: string;
}

const PORT_READ_ONLY = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

/** The keys Port sets on what it returns, as meta-schemas accept them (loaded, not used). */
export const PORT_READ_ONLY_KEYS = Object.freeze(Object.fromEntries(PORT_READ_ONLY.map((k) => [k, { type: 'string' }])));

/** `{ "ok": true, … }`: the envelope of Port's API responses. */
export function isPortResponse(value: unknown): value is Record<string, unknown> & { ok: true } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { ok?: unknown }).ok === true;
}

/**
 * The definitions a Port response holds, each with its pointer; or a problem (a message for the
 * whole file) when the response holds no definition of this kind.
 */
export function portResponseDefinitions(value: Record<string, unknown>, kind: PortResponseKind): { entries: [unknown, string][] } | { problem: string } {
  const list = value[kind.list];
  if (Array.isArray(list)) return { entries: list.map((raw, i) => [withoutReadOnly(raw), toPointer([kind.list, i])]) };
  if (value[kind.one] !== undefined) return { entries: [[withoutReadOnly(value[kind.one]), toPointer([kind.one])]] };
  const held = Object.keys(value).filter((k) => k !== 'ok');
  return { problem: `a Port API response ("ok": true) in this folder must hold "${kind.list}" (a list) or "${kind.one}" (an object); this one holds ${held.map((k) => `"${k}"`).join(', ') || 'nothing'}` };
}

function withoutReadOnly(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !PORT_READ_ONLY.includes(k)));
}

/**
 * The common first steps of loading definition files (blueprints, actions): parse each file
 * (JSON or YAML), take its one definition, each element of its top-level list, or the
 * definitions of a Port API response (portResponse.ts), and know how to locate any part of each
 * in its file. Also: the unknown keys a strict schema refuses, which
 * loaders report as warnings and keep.
 */
import type { ValidateFunction } from 'ajv';
import { LatticeError, type ErrorCode, type ErrorLocation } from '../../errors/index.ts';
import { parseDocument, toPointer } from './parseDocument.ts';
import { isPortResponse, portResponseDefinitions, type PortResponseKind } from './portResponse.ts';

export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

export interface Definition {
  readonly file: string;
  readonly raw: unknown;
  /** The definition's pointer in its file ("" for a file holding one definition). */
  readonly pointer: string;
  /** Locates a pointer relative to the definition. */
  locate(pointer: string): ErrorLocation;
}

/** How a loader reads Port API responses among its files (portResponse.ts): their keys, and the code of an error. */
export interface PortResponseOptions extends PortResponseKind {
  readonly code: ErrorCode;
}

/**
 * Every definition in the files; a file that does not parse adds its syntax error to `errors`.
 * With `port`, a file holding a Port API response gives the definitions inside it.
 */
export function definitionsIn(files: readonly SourceFile[], errors: LatticeError[], port?: PortResponseOptions): Definition[] {
  const out: Definition[] = [];
  for (const { file, text } of files) {
    let doc;
    try {
      doc = parseDocument(file, text);
    } catch (err) {
      errors.push(err as LatticeError);
      continue;
    }
    let entries: (readonly [unknown, string])[] = Array.isArray(doc.value) ? doc.value.map((v, i) => [v, toPointer([i])] as const) : [[doc.value, ''] as const];
    if (port && isPortResponse(doc.value)) {
      const unwrapped = portResponseDefinitions(doc.value, port);
      if ('problem' in unwrapped) {
        errors.push(new LatticeError(port.code, unwrapped.problem, { location: doc.locate('') }));
        continue;
      }
      entries = unwrapped.entries;
    }
    for (const [raw, pointer] of entries) out.push({ file, raw, pointer, locate: (p) => doc.locate(pointer + p) });
  }
  return out;
}

/** The keys `strict` refuses (what a lenient schema let through), with their pointers in the definition. */
export function unknownKeys(strict: ValidateFunction, raw: unknown): { key: string; pointer: string }[] {
  if (strict(raw)) return [];
  return (strict.errors ?? []).flatMap((e) => {
    if (e.keyword !== 'additionalProperties') return [];
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return [{ key, pointer: `${e.instancePath}${toPointer([key])}` }];
  });
}

/**
 * jq's `@format` filters: @text @json @html @uri @csv @tsv @sh @base64 @base64d.
 */
import { JqRuntimeError } from './errors.ts';
import { toJson, typeOf } from './values.ts';

const text = (v: unknown): string => (typeof v === 'string' ? v : toJson(v));

/** Applies `@name` to a value. */
export function applyFormat(name: string, v: unknown): string {
  switch (name) {
    case 'text': return text(v);
    case 'json': return toJson(v);
    case 'html': return text(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case 'uri': return Array.from(new TextEncoder().encode(text(v))).map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
    case 'csv':
    case 'tsv': {
      if (!Array.isArray(v)) throw new JqRuntimeError(`${typeOf(v)} (${toJson(v)}) cannot be ${name}-formatted, only an array can be`);
      return v.map((x) => {
        if (typeof x === 'number') return toJson(x);
        if (typeof x === 'boolean') return String(x);
        if (x === null) return '';
        if (typeof x !== 'string') throw new JqRuntimeError(`${typeOf(x)} (${toJson(x)}) is not valid in a csv row`);
        return name === 'csv' ? `"${x.replace(/"/g, '""')}"` : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
      }).join(name === 'csv' ? ',' : '\t');
    }
    case 'sh': {
      const one = (x: unknown): string => {
        if (typeof x === 'string') return `'${x.replace(/'/g, "'\\''")}'`;
        if (Array.isArray(x) || (x !== null && typeof x === 'object')) throw new JqRuntimeError(`${typeOf(x)} (${toJson(x)}) can not be escaped for shell`);
        return toJson(x);
      };
      return Array.isArray(v) ? v.map(one).join(' ') : one(v);
    }
    case 'base64': return Buffer.from(text(v), 'utf8').toString('base64');
    case 'base64d': return Buffer.from(text(v), 'base64').toString('utf8');
    default: throw new JqRuntimeError(`${name} is not a valid format`);
  }
}

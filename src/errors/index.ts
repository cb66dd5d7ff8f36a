export { ErrorCodes, type ErrorCode } from './codes.ts';
export { LatticeError, LatticeErrors, formatLocation, hasCode, type ErrorLocation, type LatticeErrorOptions } from './LatticeError.ts';

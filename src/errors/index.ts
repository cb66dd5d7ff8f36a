export { ErrorCodes, type ErrorCode } from './codes.ts';
export { LatticeError, LatticeErrors, hasCode, type ErrorLocation } from './LatticeError.ts';

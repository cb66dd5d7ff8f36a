/** MemoryAuditLog (the in-process ring buffer) against the AuditLog contract. */
import { MemoryAuditLog } from '../../src/data/memory/MemoryAuditLog.ts';
import { auditLogContract } from './auditLog.contract.ts';

auditLogContract('MemoryAuditLog', { make: async (maxEvents) => new MemoryAuditLog(maxEvents), cleanup: async () => {}, shared: false });

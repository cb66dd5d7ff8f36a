/** MemoryAuditLog (the in-process ring buffer) against the AuditLog contract. */
import { MemoryAuditLog } from '../../src/data/memory/MemoryAuditLog.ts';
import { auditLogContract } from './auditLog.contract.ts';

auditLogContract('MemoryAuditLog', async (maxEvents) => new MemoryAuditLog(maxEvents), async () => {}, false);

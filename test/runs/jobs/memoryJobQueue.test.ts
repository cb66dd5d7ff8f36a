/** The in-process JobQueue against the JobQueue contract. */
import { memoryJobQueue } from '../../../src/runs/jobs/memoryJobQueue.ts';
import { jobQueueContract } from './jobQueue.contract.ts';

jobQueueContract({ open: async (handler) => memoryJobQueue(handler), shared: false });

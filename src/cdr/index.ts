/** Call-data parsing: pure parsers and the queue_log call assembler. */
export * from './types.js';
export { parseQueueLogLine, parseQueueLogTime, type CallEvent, type CallEventType, type QueueLogParse, type QueueLogOptions } from './queue-log.js';
export { QueueLogAssembler, toRecord, estimatedEnteredMs, type PendingCall, type AssemblerStats } from './assembler.js';

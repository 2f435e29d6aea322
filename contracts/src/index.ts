export * from './aws-credentials.js';
export * from './dashboard-api.js';
export * from './delivery-api.js';
export * from './queue-url.js';
export * from './test-event.js';

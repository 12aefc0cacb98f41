/**
 * The pure domain rules of SPEC §4.1, §4.3 and §4.4: identifiers, reference
 * code tables, probation month counting, application data and indicators.
 * No I/O anywhere below this directory.
 */

export * from './application-data.js';
export * from './business-codes.js';
export * from './calendar-date.js';
export * from './credit-code.js';
export * from './ethnic-groups.js';
export * from './exam-categories.js';
export * from './id-card.js';
export * from './identifier-text.js';
export * from './indicators.js';
export * from './masking.js';
export * from './mobile.js';
export * from './name-normalise.js';
export * from './physician-record.js';
export * from './practice-categories.js';
export * from './probation-months.js';

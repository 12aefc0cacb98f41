/**
 * The dates of a project (申报项目) as the screens and the guards read them.
 * Every rule refers to the calendar date in China: the approval deadline
 * (省级审批截止日期) is a whole day, so the project closes at midnight China
 * time after it.
 */

import { addDays, chinaDateOf, dayNumber, type IsoDate } from '../domain/calendar-date.js';

/** 未开始 / 申报中 / 已截止. */
export type ProjectStatus = 'notStarted' | 'open' | 'closed';

export const projectStatusLabels: Readonly<Record<ProjectStatus, string>> = {
  notStarted: '未开始',
  open: '申报中',
  closed: '已截止',
};

/** The dates a status depends on. */
export interface ProjectDates {
  startsOn: IsoDate;
  approvalDeadline: IsoDate;
}

/**
 * The project's status on a given day (China date): open from the start
 * date through the deadline, both inclusive.
 *
 * @example
 * projectStatus({ startsOn: '2019-12-19', approvalDeadline: '2020-02-24' }, '2020-02-24'); // 'open'
 * projectStatus({ startsOn: '2019-12-19', approvalDeadline: '2020-02-24' }, '2020-02-25'); // 'closed'
 */
export function projectStatus(project: ProjectDates, today: IsoDate): ProjectStatus {
  if (today < project.startsOn) return 'notStarted';
  return today <= project.approvalDeadline ? 'open' : 'closed';
}

/**
 * 距离截至审批时间 N 天: whole days from today to the deadline, never negative.
 *
 * @example
 * daysLeft('2020-02-24', '2019-12-23'); // 63, as the seed's screen shows
 * daysLeft('2020-02-24', '2020-03-01'); // 0
 */
export function daysLeft(approvalDeadline: IsoDate, today: IsoDate): number {
  return Math.max(0, dayNumber(approvalDeadline) - dayNumber(today));
}

/**
 * The instant the deadline passes: midnight in China after the deadline day.
 * Stored as the applications' `due_at`, which the sweep and the guards read.
 *
 * @example
 * projectDueAt('2020-02-24').toISOString(); // '2020-02-24T16:00:00.000Z'
 */
export function projectDueAt(approvalDeadline: IsoDate): Date {
  return new Date(`${addDays(approvalDeadline, 1)}T00:00:00+08:00`);
}

/**
 * The China date of an instant, re-exported here so callers of this module
 * need one import for "today".
 *
 * @example
 * today(new Date('2020-02-24T16:00:00Z')); // '2020-02-25'
 */
export function today(now: Date): IsoDate {
  return chinaDateOf(now);
}

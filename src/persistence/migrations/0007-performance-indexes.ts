import { sql, type Kysely } from 'kysely';

/**
 * The district reviewer's applicant list at scale (issue 8). A city's list
 * spans tens of thousands of applications whose rows lie all over the
 * table, so reading them from the heap to count them or to sort a page cost
 * ~40,000 page reads (≈ 270 ms at 1,000,000 applications). This index
 * covers what the list filters on — project, the departments of the
 * reviewer's subtree, submitted, state — and what it needs to pick a page
 * (arrival order, id): the count and the page's ids come from an index-only
 * scan, and only the page's rows are read from the table
 * (application-list.ts). Partial: a draft never reaches a unit or district list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index pw_applications_department_submitted on pw_applications (project_id, department_id, arrival_no)
    include (state, id) where submitted_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists pw_applications_department_submitted`.execute(db);
}

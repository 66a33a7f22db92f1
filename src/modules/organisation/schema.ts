import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';

/** A service area: the 17 English areas (London as 15a and 15b) and the five Cafcass Cymru local areas. */
export const serviceArea = pgTable('service_area', {
  id: text('id').primaryKey(),
  /** Code shown to staff, e.g. "6" or "15a" in England, "SW" in Wales. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameCy: text('name_cy').notNull(),
  /** england | wales */
  nation: text('nation').notNull(),
});

export const team = pgTable(
  'team',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id')
      .notNull()
      .references(() => serviceArea.id),
    name: text('name').notNull(),
    nameCy: text('name_cy').notNull(),
  },
  (t) => [index('team_area_idx').on(t.areaId)],
);

/** A member of staff: their account, home area and language skills. */
export const staff = pgTable(
  'staff',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => userAccount.id),
    areaId: text('area_id').references(() => serviceArea.id),
    jobTitle: text('job_title').notNull(),
    welshSpeaker: boolean('welsh_speaker').notNull().default(false),
    /** A self-regulating FCA files letters and reports without a manager's review (DOMAIN §5.2). */
    selfRegulating: boolean('self_regulating').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_area_idx').on(t.areaId)],
);

/** The roles of DOMAIN §1 a member of staff holds (one or more). */
export const staffRole = pgTable(
  'staff_role',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => staff.userId),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const teamMembership = pgTable(
  'team_membership',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => staff.userId),
    teamId: text('team_id')
      .notNull()
      .references(() => team.id),
    /** Practice supervisors and service managers manage the teams they belong to. */
    manages: boolean('manages').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.userId, t.teamId] }), index('team_membership_team_idx').on(t.teamId)],
);

/** Family court venues (reference data loaded from files in the repository). */
export const court = pgTable('court', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameCy: text('name_cy'),
  nation: text('nation').notNull(),
  areaId: text('area_id').references(() => serviceArea.id),
});

/** Local authorities (children's services), reference data loaded from files in the repository. */
export const localAuthority = pgTable('local_authority', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameCy: text('name_cy'),
  nation: text('nation').notNull(),
  areaId: text('area_id').references(() => serviceArea.id),
});

/**
 * The direct-work tools the organisation offers practitioners (DOMAIN §3.2 step 4):
 * wishes-and-feelings tools, "my letter to the judge", apps, drawings. Seeded from a file
 * in the repository; administrators add tools and retire them (a retired tool stays on the
 * records that used it).
 */
export const directWorkTool = pgTable('direct_work_tool', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameCy: text('name_cy').notNull(),
  description: text('description').notNull(),
  descriptionCy: text('description_cy').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

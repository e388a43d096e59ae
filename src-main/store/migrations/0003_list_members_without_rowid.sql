-- list_members becomes a WITHOUT ROWID table: its primary key (list, contact) is the table itself
-- instead of an index beside a rowid table, one B-tree fewer for every member an import adds
-- (a million-row import wrote ~18 MB less, each of it encrypted twice). drizzle-kit cannot express
-- WITHOUT ROWID, so this migration is written by hand; open-database.test.ts checks the table stays so.
CREATE TABLE `__new_list_members` (
	`list_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`list_id`, `contact_id`),
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_list_members`(`list_id`, `contact_id`, `added_at`) SELECT `list_id`, `contact_id`, `added_at` FROM `list_members`;
--> statement-breakpoint
DROP TABLE `list_members`;
--> statement-breakpoint
ALTER TABLE `__new_list_members` RENAME TO `list_members`;
--> statement-breakpoint
CREATE INDEX `list_members_contact_idx` ON `list_members` (`contact_id`);

-- Custom SQL migration: every change to a settings table moves settings_version (see src/db/schema.ts).
INSERT INTO `settings_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `sla_policies_insert_settings_version` AFTER INSERT ON `sla_policies` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sla_policies_update_settings_version` AFTER UPDATE ON `sla_policies` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `sla_policies_delete_settings_version` AFTER DELETE ON `sla_policies` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `brands_insert_settings_version` AFTER INSERT ON `brands` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `brands_update_settings_version` AFTER UPDATE ON `brands` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `brands_delete_settings_version` AFTER DELETE ON `brands` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `channels_insert_settings_version` AFTER INSERT ON `channels` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `channels_update_settings_version` AFTER UPDATE ON `channels` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `channels_delete_settings_version` AFTER DELETE ON `channels` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `groups_insert_settings_version` AFTER INSERT ON `groups` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `groups_update_settings_version` AFTER UPDATE ON `groups` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `groups_delete_settings_version` AFTER DELETE ON `groups` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_settings_version` AFTER INSERT ON `users` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_settings_version` AFTER UPDATE ON `users` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_settings_version` AFTER DELETE ON `users` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_insert_settings_version` AFTER INSERT ON `forms` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_update_settings_version` AFTER UPDATE ON `forms` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `forms_delete_settings_version` AFTER DELETE ON `forms` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `triggers_insert_settings_version` AFTER INSERT ON `triggers` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `triggers_update_settings_version` AFTER UPDATE ON `triggers` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `triggers_delete_settings_version` AFTER DELETE ON `triggers` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_insert_settings_version` AFTER INSERT ON `api_keys` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_update_settings_version` AFTER UPDATE ON `api_keys` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_delete_settings_version` AFTER DELETE ON `api_keys` BEGIN UPDATE `settings_version` SET `version` = `version` + 1 WHERE `id` = 1; END;

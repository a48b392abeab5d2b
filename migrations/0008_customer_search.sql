-- Customer search (GET /api/v2/customer?query=) over a trigram index: the text of each customer a
-- query may match (names, your id, the channels' addresses), kept by triggers. The list still checks
-- its own conditions; the index only finds the candidates (src/views/customers.ts).
CREATE VIRTUAL TABLE `customer_search` USING fts5(`text`, tokenize = 'trigram', detail = 'none');
--> statement-breakpoint
INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c`;
--> statement-breakpoint
CREATE TRIGGER `customers_insert_search` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c` WHERE `c`.`id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_update_search` AFTER UPDATE OF `id`, `firstname`, `lastname`, `external_primary_id` ON `customers` BEGIN
  DELETE FROM `customer_search` WHERE `rowid` IN (OLD.`id`, NEW.`id`);
  INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c` WHERE `c`.`id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_delete_search` AFTER DELETE ON `customers` BEGIN
  DELETE FROM `customer_search` WHERE `rowid` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_insert_search` AFTER INSERT ON `customer_channels` BEGIN
  DELETE FROM `customer_search` WHERE `rowid` = NEW.`customer_id`;
  INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c` WHERE `c`.`id` = NEW.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_update_search` AFTER UPDATE OF `customer_id`, `unique_reference` ON `customer_channels` BEGIN
  DELETE FROM `customer_search` WHERE `rowid` IN (OLD.`customer_id`, NEW.`customer_id`);
  INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c` WHERE `c`.`id` IN (OLD.`customer_id`, NEW.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_delete_search` AFTER DELETE ON `customer_channels` BEGIN
  DELETE FROM `customer_search` WHERE `rowid` = OLD.`customer_id`;
  INSERT INTO `customer_search` (`rowid`, `text`) SELECT `c`.`id`, `c`.`firstname` || ' ' || `c`.`lastname` || char(10) || ifnull(`c`.`external_primary_id`, '') || char(10) || ifnull((SELECT group_concat(`cc`.`unique_reference`, char(10)) FROM `customer_channels` `cc` WHERE `cc`.`customer_id` = `c`.`id`), '') FROM `customers` `c` WHERE `c`.`id` = OLD.`customer_id`;
END;

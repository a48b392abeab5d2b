-- The customer search index is brought up to date when it is read, not on every write: a write of
-- customers or their addresses only notes the customer (a small insert, where the index's own insert
-- was a fifth of a customer create and most of a reset's copy); a search first indexes the customers
-- noted (src/stores/customers.ts, refreshCustomerSearch).
CREATE TABLE `customer_search_pending` (`customer_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `customers_insert_search`;
--> statement-breakpoint
DROP TRIGGER `customers_update_search`;
--> statement-breakpoint
DROP TRIGGER `customers_delete_search`;
--> statement-breakpoint
DROP TRIGGER `customer_channels_insert_search`;
--> statement-breakpoint
DROP TRIGGER `customer_channels_update_search`;
--> statement-breakpoint
DROP TRIGGER `customer_channels_delete_search`;
--> statement-breakpoint
CREATE TRIGGER `customers_insert_search` AFTER INSERT ON `customers` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_update_search` AFTER UPDATE OF `id`, `firstname`, `lastname`, `external_primary_id` ON `customers` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (OLD.`id`), (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_delete_search` AFTER DELETE ON `customers` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_insert_search` AFTER INSERT ON `customer_channels` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (NEW.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_update_search` AFTER UPDATE OF `customer_id`, `unique_reference` ON `customer_channels` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (OLD.`customer_id`), (NEW.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_channels_delete_search` AFTER DELETE ON `customer_channels` BEGIN
  INSERT OR IGNORE INTO `customer_search_pending` (`customer_id`) VALUES (OLD.`customer_id`);
END;

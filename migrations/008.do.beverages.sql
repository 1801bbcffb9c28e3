-- Drinks (issue 12): compared "pour 100 ml", with OFF's drink thresholds for nutrient levels.
-- Set by the importer from the product's categories (en:beverages, or fr:boissons from display
-- names); rows written before this release read as food until the next import or update.
ALTER TABLE products ADD COLUMN is_beverage boolean NOT NULL DEFAULT false;

-- residents_subtree_order_idx (place_path text_pattern_ops, id) serves every subtree condition on
-- residents.place_path that this index served (prefix LIKE and the ~>=~ / ~<~ range on a root column):
-- the duplicate only cost each inserted resident one more index entry (a city's roster import).
DROP INDEX "residents_place_path_idx";

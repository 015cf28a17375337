-- An attachment may be restricted to a named knowledge scope (知悉范围): only its members see it.
ALTER TABLE attachment ADD COLUMN knowledge_scope_id uuid REFERENCES knowledge_scope(id);

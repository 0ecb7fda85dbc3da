"""Every write of the knooppunt, by entity."""

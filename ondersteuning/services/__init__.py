"""Every write of the ondersteuningsroute, one module per entity: `vraag` and `loket`."""

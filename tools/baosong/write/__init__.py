"""What writes into a township repository: `new`, `fix` (repairs, safe writes, --rename), `sample`."""

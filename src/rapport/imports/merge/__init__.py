"""Each record folded into what is known, and two known people merged into one."""

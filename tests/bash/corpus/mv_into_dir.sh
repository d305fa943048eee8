mkdir newdir; mv docs/*.md newdir/; ls newdir docs

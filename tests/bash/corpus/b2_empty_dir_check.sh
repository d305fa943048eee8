[ -z "$(ls empty)" ] && echo empty-dir

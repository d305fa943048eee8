seq 3 | xargs -I{} sh -c 'echo item {}'

printf '#!/bin/bash\necho "n=$# first=$1"\nexit 4\n' > run.sh; chmod +x run.sh; ./run.sh x y; echo "rc=$?"

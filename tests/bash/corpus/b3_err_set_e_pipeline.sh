set -e; false | true; echo still; true | false; echo never

cd src && pwd | sed 's|.*/||' && cd lib && ls && cd ../.. && ls -d src

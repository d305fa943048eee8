find . -name '*.o' -delete; find build

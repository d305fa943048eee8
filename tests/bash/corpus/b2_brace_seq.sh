echo {a..e}; echo file{1,2}.txt; echo {01..03}

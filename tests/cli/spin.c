/* Loops forever (for --timeout and --fuel). */
int main(void)
{
    volatile unsigned n = 0;
    for (;;)
        n++;
}

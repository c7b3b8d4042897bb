"""`python -m pipeline` runs the command-line interface."""

from pipeline.cli import main

if __name__ == "__main__":
    main()

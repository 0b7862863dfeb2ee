alert("BSPWN");

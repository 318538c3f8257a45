// Kiosk only: two minutes without any input reloads the empty form for the next respondent.
(function(){var t;function r(){clearTimeout(t);t=setTimeout(function(){location.replace(location.href.split("#")[0])},12e4)}["input","keydown","pointerdown","scroll"].forEach(function(e){addEventListener(e,r,{capture:true,passive:true})});r()})();

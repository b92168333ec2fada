import cv from "card-validator"; console.log(cv.number("4111"));
